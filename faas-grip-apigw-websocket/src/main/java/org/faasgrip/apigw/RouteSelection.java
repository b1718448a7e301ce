package org.faasgrip.apigw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket API's route selection expression, as API Gateway evaluates it against a message: {@code $} starts a
 * variable ({@code $request.body.action}), braces bound one ({@code ${request.body.service}/${request.body.action}}),
 * {@code \$} is a literal dollar ({@code \$default}), everything else is literal text. A JSON path that the
 * message lacks gives an empty string; a value that is not a string is written as its JSON. A message that is not
 * one JSON value cannot be evaluated: {@link #evaluate} returns null and the message goes to {@code $default}.
 *
 * <p>The JSON path after {@code request.body} is a chain of {@code .name} and {@code [index]} steps, the form the
 * AWS documentation's examples use.
 */
final class RouteSelection {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String BODY = "request.body";

  private final String expression;
  /** Literal text as String, variables as String[] path steps ("name" or "[3]"). */
  private final List<Object> parts;

  private RouteSelection(String expression, List<Object> parts) {
    this.expression = expression;
    this.parts = parts;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException if it is empty, has an unclosed brace, or a variable other than
   *     {@code request.body...} (the only variables a WebSocket API's route selection may use)
   */
  static RouteSelection parse(String expression) {
    if (expression == null || expression.isEmpty()) {
      throw new IllegalArgumentException("the route selection expression is empty; API Gateway's usual one is"
          + " $request.body.action");
    }
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (c == '\\' && i + 1 < n && expression.charAt(i + 1) == '$') {
        literal.append('$');
        i += 2;
      } else if (c == '$') {
        String variable;
        if (i + 1 < n && expression.charAt(i + 1) == '{') {
          int close = expression.indexOf('}', i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("route selection expression '" + expression + "': '${' at index " + i
                + " is never closed");
          }
          variable = expression.substring(i + 2, close);
          i = close + 1;
        } else {
          int end = i + 1;
          while (end < n && isVariableChar(expression.charAt(end))) {
            end++;
          }
          variable = expression.substring(i + 1, end);
          i = end;
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(path(expression, variable));
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return new RouteSelection(expression, List.copyOf(parts));
  }

  private static boolean isVariableChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '['
        || c == ']' || c == '-';
  }

  private static String[] path(String expression, String variable) {
    if (!variable.startsWith(BODY + ".") && !variable.startsWith(BODY + "[")) {
      throw new IllegalArgumentException("route selection expression '" + expression + "': variable '$" + variable
          + "' is not supported; a WebSocket API selects routes with $request.body.<json path> only");
    }
    List<String> steps = new ArrayList<>();
    String rest = variable.substring(BODY.length());
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      int end;
      if (c == '.') {
        end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        steps.add(rest.substring(i + 1, end));
      } else if (c == '[') {
        end = rest.indexOf(']', i);
        if (end < 0 || !isIndex(rest.substring(i + 1, end))) {
          throw new IllegalArgumentException("route selection expression '" + expression + "': '" + rest.substring(i)
              + "' is not an array index like [0]");
        }
        steps.add(rest.substring(i, ++end));
      } else {
        throw new IllegalArgumentException("route selection expression '" + expression + "': unexpected '" + c
            + "' in $" + variable);
      }
      if (steps.get(steps.size() - 1).isEmpty()) {
        throw new IllegalArgumentException("route selection expression '" + expression + "': empty step in $"
            + variable);
      }
      i = end;
    }
    return steps.toArray(new String[0]);
  }

  private static boolean isIndex(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Tells whether the expression has no variable: it gives the same key for every JSON message. */
  boolean isStatic() {
    for (Object p : parts) {
      if (p instanceof String[]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Evaluates the expression against a text message.
   *
   * @return the route key it selects, or null when the message is not one JSON value
   */
  String evaluate(String body) {
    if (!mayBeJson(body)) {
      return null; // plain text, the usual chat message: no parser made for it
    }
    StringBuilder key = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String) {
        key.append((String) p);
        continue;
      }
      String value = find(body, (String[]) p);
      if (value == null) {
        return null;
      }
      key.append(value);
    }
    // A static expression still needs a JSON message: non-JSON messages always go to $default.
    return isStatic() && find(body, new String[0]) == null ? null : key.toString();
  }

  /** Whether the first character that is not white space can start a JSON value. */
  private static boolean mayBeJson(String body) {
    for (int i = 0, n = body.length(); i < n; i++) {
      char c = body.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '{' || c == '[' || c == '"' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f'
            || c == 'n';
      }
    }
    return false;
  }

  /** The text at a path: "" when absent, null when the body is not one JSON value. */
  private static String find(String body, String[] steps) {
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      String found = walk(p, t, steps, 0);
      return p.nextToken() == null ? (found == null ? "" : found) : null;
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail to read
    }
  }

  /**
   * Reads the value whose first token is {@code t}, to its end. Returns its text when {@code depth} steps match
   * the whole path, the text found deeper otherwise, or null.
   */
  private static String walk(JsonParser p, JsonToken t, String[] steps, int depth) throws IOException {
    if (depth == steps.length) {
      return text(p, t);
    }
    String step = steps[depth];
    String found = null;
    if (t == JsonToken.START_OBJECT) {
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        boolean match = found == null && step.equals(p.currentName());
        JsonToken v = p.nextToken();
        if (match) {
          found = walk(p, v, steps, depth + 1);
        } else {
          p.skipChildren();
        }
      }
    } else if (t == JsonToken.START_ARRAY) {
      int wanted = step.charAt(0) == '[' ? Integer.parseInt(step.substring(1, step.length() - 1)) : -1;
      int index = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (index++ == wanted) {
          found = walk(p, t, steps, depth + 1);
        } else {
          p.skipChildren();
        }
      }
    }
    return found;
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NULL:
        return "";
      case START_OBJECT:
      case START_ARRAY:
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
          g.copyCurrentStructure(p);
        }
        return out.toString();
      default:
        return p.getText(); // numbers and booleans as written
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
