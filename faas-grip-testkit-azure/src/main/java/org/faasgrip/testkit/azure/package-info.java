/**
 * Stand-ins for testing Azure Functions without Azure: {@link org.faasgrip.testkit.azure.StandInRequest},
 * {@link org.faasgrip.testkit.azure.StandInResponse} and {@link org.faasgrip.testkit.azure.StandInContext} implement
 * the Java library's {@code HttpRequestMessage}, {@code HttpResponseMessage.Builder} and {@code ExecutionContext}
 * the way the Java worker fills them, and {@link org.faasgrip.testkit.azure.LoopbackFunctionHost} serves functions
 * over HTTP on loopback, so that a real Pushpin can be put in front of them. Needs
 * {@code com.microsoft.azure.functions:azure-functions-java-library} on the test class path (a function's
 * {@code provided} dependency is).
 */
package org.faasgrip.testkit.azure;
