package org.faasgrip.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes the function's handler the way the Lambda Java runtime does: a {@link RequestStreamHandler} gets the
 * event's bytes; a {@link RequestHandler} gets the event deserialized into its input type and has its result
 * serialized, both with {@code aws-lambda-java-serialization} chosen as the runtime chooses (the event
 * serializers for Lambda's supported event classes, the runtime's Jackson factory for everything else).
 *
 * <p>Reflection (class loading, the no-argument constructor, reading the generic interface) runs once, when the
 * gateway is built: this is a development tool, not the library's invocation path.
 */
final class HandlerInvoker {
  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final Object handler;
  private final String description;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;
  private final boolean voidOutput;
  private final ClassLoader loader;
  private final Map<Class<?>, PojoSerializer<Object>> byRuntimeClass = new ConcurrentHashMap<>();

  private HandlerInvoker(Object handler, PojoSerializer<Object> input, PojoSerializer<Object> output,
      boolean voidOutput) {
    this.handler = handler;
    this.description = handler.getClass().getName();
    this.input = input;
    this.output = output;
    this.voidOutput = voidOutput;
    this.loader = classLoaderOf(handler.getClass());
  }

  String description() {
    return description;
  }

  /**
   * Resolves a handler given as an instance, a {@link Class} or a class name.
   *
   * @param spec the handler instance, its class, or its fully qualified class name
   * @param inputType the input type to use instead of the one the handler declares, or null
   * @param payload the payload; gives the input type when neither the handler nor {@code inputType} does
   */
  static HandlerInvoker create(Object spec, Type inputType, PayloadVersion payload) {
    if (spec == null) {
      throw new LocalGatewayException("no handler given: pass a RequestHandler or RequestStreamHandler, its class, "
          + "or its class name");
    }
    Object instance = spec;
    if (spec instanceof String) {
      instance = loadClass((String) spec);
    }
    if (instance instanceof Class) {
      instance = instantiate((Class<?>) instance);
    }
    if (instance instanceof RequestStreamHandler) {
      // As in the Lambda runtime, a class implementing both is invoked as a stream handler.
      return new HandlerInvoker(instance, null, null, false);
    }
    if (!(instance instanceof RequestHandler)) {
      throw new LocalGatewayException("handler " + instance.getClass().getName()
          + " implements neither com.amazonaws.services.lambda.runtime.RequestHandler nor RequestStreamHandler");
    }
    Type[] declared = requestHandlerTypes(instance.getClass());
    Type in = inputType != null ? inputType : concrete(declared == null ? null : declared[0]);
    if (in == null) {
      in = defaultEventClass(payload);
    }
    Type out = concrete(declared == null ? null : declared[1]);
    boolean isVoid = out == Void.class || out == void.class;
    ClassLoader cl = classLoaderOf(instance.getClass());
    PojoSerializer<Object> inSer;
    PojoSerializer<Object> outSer;
    try {
      inSer = serializerFor(in, cl);
      outSer = out == null || out == Object.class || isVoid ? null : serializerFor(out, cl);
    } catch (RuntimeException | LinkageError e) {
      throw new LocalGatewayException("no Lambda serializer for the handler's types " + in.getTypeName() + " -> "
          + (out == null ? "?" : out.getTypeName()) + ": " + e, e);
    }
    warmUp(inSer);
    return new HandlerInvoker(instance, inSer, outSer, isVoid);
  }

  /**
   * Lets Jackson introspect the input type now rather than on the first request, which would otherwise take a
   * few hundred milliseconds longer than the rest.
   */
  private static void warmUp(PojoSerializer<Object> input) {
    try {
      input.fromJson(new ByteArrayInputStream("{}".getBytes(StandardCharsets.US_ASCII)));
    } catch (RuntimeException e) {
      // an input type that is not a JSON object (a String, a List) cannot be warmed up this way
    }
  }

  /** Runs the handler on one event; returns the function's output JSON. Whatever the handler throws passes. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  byte[] invoke(byte[] eventJson, Context context) throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      if (handler instanceof RequestStreamHandler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(eventJson), out, context);
        return out.toByteArray();
      }
      Object event;
      try {
        event = input.fromJson(new ByteArrayInputStream(eventJson));
      } catch (RuntimeException e) {
        throw new IllegalStateException("An error occurred during JSON parsing", e);
      }
      Object result = ((RequestHandler) handler).handleRequest(event, context);
      if (voidOutput) {
        return JSON_NULL.clone();
      }
      PojoSerializer<Object> ser = output;
      if (ser == null) {
        if (result == null) {
          return JSON_NULL.clone();
        }
        ser = byRuntimeClass.computeIfAbsent(result.getClass(), c -> serializerFor(c, loader));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      try {
        ser.toJson(result, out);
      } catch (RuntimeException e) {
        throw new IllegalStateException("An error occurred during JSON serialization of response", e);
      }
      return out.toByteArray();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The serializer the Lambda runtime picks for a type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
    if (type instanceof Class && LambdaEventSerializers.isLambdaSupportedEvent(((Class<?>) type).getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor((Class) type, loader);
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  private static Class<?> defaultEventClass(PayloadVersion payload) {
    switch (payload) {
      case V1:
        return APIGatewayProxyRequestEvent.class;
      case V2:
        return APIGatewayV2HTTPEvent.class;
      default:
        return ApplicationLoadBalancerRequestEvent.class;
    }
  }

  private static Type concrete(Type t) {
    return t instanceof Class || t instanceof ParameterizedType ? t : null;
  }

  private static ClassLoader classLoaderOf(Class<?> c) {
    ClassLoader cl = c.getClassLoader();
    return cl != null ? cl : ClassLoader.getSystemClassLoader();
  }

  static Class<?> loadClass(String name) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = HandlerInvoker.class.getClassLoader();
    }
    try {
      return Class.forName(name.trim(), true, cl);
    } catch (ClassNotFoundException e) {
      throw new LocalGatewayException("handler class " + name + " is not on the class path", e);
    } catch (LinkageError e) {
      throw new LocalGatewayException("handler class " + name + " could not be loaded: " + e, e);
    }
  }

  private static Object instantiate(Class<?> c) {
    if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
      throw new LocalGatewayException("handler class " + c.getName()
          + " cannot be instantiated because it is a non-static inner class");
    }
    Constructor<?> ctor;
    try {
      ctor = c.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new LocalGatewayException("handler class " + c.getName() + " has no public zero-argument constructor",
          e);
    }
    try {
      return ctor.newInstance();
    } catch (InvocationTargetException e) {
      throw new LocalGatewayException("handler class " + c.getName() + "'s constructor threw "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new LocalGatewayException("handler class " + c.getName() + " could not be instantiated: " + e, e);
    }
  }

  /**
   * The two type arguments of {@code RequestHandler<I, O>} as the class binds them, following superclasses and
   * super-interfaces and substituting type variables; null when the class gives none (a lambda, a raw type).
   */
  static Type[] requestHandlerTypes(Class<?> c) {
    return find(c, Map.of());
  }

  private static Type[] find(Type type, Map<TypeVariable<?>, Type> env) {
    Class<?> raw;
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    if (type instanceof ParameterizedType) {
      ParameterizedType pt = (ParameterizedType) type;
      raw = (Class<?>) pt.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = pt.getActualTypeArguments();
      for (int i = 0; i < vars.length && i < args.length; i++) {
        bindings.put(vars[i], substitute(args[i], env));
      }
    } else if (type instanceof Class) {
      raw = (Class<?>) type;
    } else {
      return null;
    }
    if (raw == RequestHandler.class) {
      if (!(type instanceof ParameterizedType)) {
        return null;
      }
      TypeVariable<?>[] vars = raw.getTypeParameters();
      return new Type[] {bindings.get(vars[0]), bindings.get(vars[1])};
    }
    if (!RequestHandler.class.isAssignableFrom(raw)) {
      return null;
    }
    for (Type i : raw.getGenericInterfaces()) {
      Type[] found = find(i, bindings);
      if (found != null) {
        return found;
      }
    }
    Type superclass = raw.getGenericSuperclass();
    return superclass == null ? null : find(superclass, bindings);
  }

  private static Type substitute(Type t, Map<TypeVariable<?>, Type> env) {
    if (t instanceof TypeVariable && env.containsKey(t)) {
      return env.get(t);
    }
    return t;
  }
}
