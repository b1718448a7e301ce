/**
 * The Java samples of the project's README and of {@code docs/*.md}, as compiled code. Each sample lies between
 * {@code // tag::NAME[]} and {@code // end::NAME[]} comments; a page shows it after an
 * {@code <!-- sample: NAME -->} comment, and {@code SamplesInDocsTest} fails the build when a page's code differs
 * from the source here. The samples that can run, run in this module's tests.
 */
package org.faasgrip.docs;
