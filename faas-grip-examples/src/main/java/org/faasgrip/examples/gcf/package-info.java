/**
 * The examples as Google Cloud Functions / Cloud Run functions HTTP functions, on
 * {@code org.faasgrip.gcf.GripHttpFunction}: the seed's chat, HTTP streaming and long-polling. They are left out
 * of the Lambda jar.
 */
package org.faasgrip.examples.gcf;
