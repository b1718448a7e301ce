/**
 * FaaS GRIP for Azure Functions: {@link org.faasgrip.azure.AzureGrip} turns an HTTP trigger's
 * {@code HttpRequestMessage<Optional<byte[]>>} into a {@code GripRequest} and a {@code GripResponse} into the
 * {@code HttpResponseMessage} the function returns, and answers the library's failures through {@code Grip}, logged
 * to the invocation's logger.
 */
package org.faasgrip.azure;
