/**
 * {@code Grip-Sig} validation: is this request really from a configured GRIP proxy? See
 * {@link org.faasgrip.sig.GripSigValidator}.
 */
package org.faasgrip.sig;
