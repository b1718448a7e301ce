package org.faasgrip.lambda;

import org.faasgrip.grip.GripResponse;

/**
 * Writes a core response as one platform's response type. A plain interface with named implementations rather
 * than lambdas: the first lambda a JVM links costs milliseconds of cold start.
 *
 * @param <R> the platform's response type
 */
interface ResponseWriter<R> {
  R write(GripResponse response);
}
