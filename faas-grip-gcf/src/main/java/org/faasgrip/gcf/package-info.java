/**
 * FaaS GRIP for Google Cloud Functions and Cloud Run functions: {@link org.faasgrip.gcf.GripHttpFunction}, an
 * {@code HttpFunction} that reads the invoker's request into a {@code GripRequest} and writes the
 * {@code GripResponse} back, and {@link org.faasgrip.gcf.GcfHttp}, the same two conversions for functions that
 * implement {@code HttpFunction} themselves.
 */
package org.faasgrip.gcf;
