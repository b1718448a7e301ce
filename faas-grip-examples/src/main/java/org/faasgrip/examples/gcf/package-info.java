/**
 * The examples as Google Cloud Functions / Cloud Run functions HTTP functions, on
 * {@code org.faasgrip.gcf.GripHttpFunction}: the chat of the JavaScript faas-grip library, HTTP streaming and long-polling. They are left out
 * of the Lambda jar.
 */
package org.faasgrip.examples.gcf;
