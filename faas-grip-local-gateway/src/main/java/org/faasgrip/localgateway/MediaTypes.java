package org.faasgrip.localgateway;

import java.util.List;
import java.util.Locale;

/** Media-type tests the three AWS front doors apply to decide between a text and a base64 body. */
final class MediaTypes {
  private MediaTypes() {}

  /** "type/subtype" in lower case without parameters, or null for a missing or blank value. */
  static String essence(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String e = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return e.isEmpty() ? null : e;
  }

  /**
   * Whether a media type matches one entry of a binary media type list: exact, {@code type/*} or {@code *}{@code /*},
   * compared without case and without parameters, as API Gateway's {@code binaryMediaTypes} are.
   */
  static boolean matchesAny(String mediaType, List<String> patterns) {
    String e = essence(mediaType);
    if (e == null) {
      return false;
    }
    int slash = e.indexOf('/');
    String type = slash < 0 ? e : e.substring(0, slash);
    String sub = slash < 0 ? "" : e.substring(slash + 1);
    for (String p : patterns) {
      String pe = essence(p);
      if (pe == null) {
        continue;
      }
      int ps = pe.indexOf('/');
      String pt = ps < 0 ? pe : pe.substring(0, ps);
      String psub = ps < 0 ? "*" : pe.substring(ps + 1);
      if ((pt.equals("*") || pt.equals(type)) && (psub.equals("*") || psub.equals(sub))) {
        return true;
      }
    }
    return false;
  }

  /** The first media type of the first {@code Accept} header, the one API Gateway REST APIs look at. */
  static String firstAccept(String acceptHeader) {
    if (acceptHeader == null) {
      return null;
    }
    int comma = acceptHeader.indexOf(',');
    return essence(comma < 0 ? acceptHeader : acceptHeader.substring(0, comma));
  }

  /**
   * HTTP API (payload 2.0), Function URL and ALB send a body as text only for {@code text/*}, JSON, XML and
   * JavaScript; every other content type, and a body with no content type, arrives base64-encoded.
   */
  static boolean isTextForHttpApiAndAlb(String contentType) {
    String e = essence(contentType);
    if (e == null) {
      return false;
    }
    return e.startsWith("text/")
        || e.equals("application/json")
        || e.equals("application/javascript")
        || e.equals("application/xml");
  }
}
