/** The Jakarta Servlet adapter: a servlet request in, a servlet response out, everything else in {@code Grip}. */
module org.faasgrip.servlet {
  requires transitive org.faasgrip.function;
  requires transitive jakarta.servlet;

  exports org.faasgrip.servlet;
}
