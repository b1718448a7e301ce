/**
 * The examples as HTTP-triggered Azure Functions on {@code org.faasgrip.azure.AzureGrip}: the chat of the
 * JavaScript faas-grip library ({@code /api/chat}), HTTP streaming ({@code /api/stream}) and long-polling
 * ({@code /api/poll}). The Azure Functions Java library is {@code provided}: the Java worker supplies it.
 */
package org.faasgrip.examples.azure;
