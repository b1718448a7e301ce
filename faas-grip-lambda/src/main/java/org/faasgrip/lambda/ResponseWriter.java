package org.faasgrip.lambda;

import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * Writes a core response as one platform's response type, and so is also the factory of the contexts whose
 * {@code toResponse()} has that type: {@link Grip#webSocket(GripRequest, Grip.ContextFactory)} takes it as it is,
 * without another object per invocation. A plain interface with named implementations rather than lambdas: the
 * first lambda a JVM links costs milliseconds of cold start.
 *
 * @param <R> the platform's response type
 */
interface ResponseWriter<R> extends Grip.ContextFactory<LambdaWebSocketContext<R>> {
  R write(GripResponse response);

  @Override
  default LambdaWebSocketContext<R> create(GripRequest request, String channelPrefix) {
    return new LambdaWebSocketContext<>(request, channelPrefix, this);
  }
}
