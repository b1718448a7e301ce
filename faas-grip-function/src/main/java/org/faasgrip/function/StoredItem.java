package org.faasgrip.function;

import java.util.Arrays;
import java.util.Objects;
import org.faasgrip.internal.Checks;

/**
 * One item of an {@link ItemStore}: its id and the bytes it adds to a stream, exactly as published. Immutable.
 */
public final class StoredItem {
  private final String id;
  private final byte[] content;

  private StoredItem(String id, byte[] content) {
    this.id = id;
    this.content = content;
  }

  /**
   * Returns an item.
   *
   * @param id the id it is published with
   * @param content the bytes it adds to the stream; copied
   * @return the item
   * @throws org.faasgrip.GripException if an argument is null
   */
  public static StoredItem of(String id, byte[] content) {
    return new StoredItem(Checks.notNull(id, "id"), Checks.notNull(content, "content").clone());
  }

  /**
   * Returns the id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the content.
   *
   * @return a copy of the bytes
   */
  public byte[] content() {
    return content.clone();
  }

  /**
   * Returns how many bytes the content has.
   *
   * @return the length
   */
  public int length() {
    return content.length;
  }

  /** The content without a copy, for the stream's body. */
  byte[] contentArray() {
    return content;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredItem i && id.equals(i.id) && Arrays.equals(content, i.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "StoredItem[id=" + id + ", " + content.length + " bytes]";
  }
}
