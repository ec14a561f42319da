// Containers the document report holds inline, without heap memory. The report of one MRZ has
// known bounds: at most ten fields, five check digits, and no field text longer than a TD3 name
// (39 characters). Holding them inline lets ParseMrz build a clean document's report with no
// allocation at all, which is most of what used to make the engine slow.
//
// Thread-safety: plain values; the usual rules for standard containers apply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "base/check.h"

namespace limen::core::document {

// A short text stored inline: the raw text or the parsed value of one MRZ field. Converts to
// std::string_view; use std::string(text) for an owned copy.
class FieldText {
 public:
  // The longest field text: a TD3 name has 39 characters and a value is never longer than its
  // raw text, so 47 leaves room and keeps the object at 48 bytes.
  static constexpr size_t kCapacity = 47;

  // Only size_ characters are meaningful; the rest is never read, so it is not initialised and
  // copies take the whole fixed-size object (cheaper than a copy of variable length).
  FieldText() {}  // NOLINT(modernize-use-equals-default)
  FieldText(const FieldText& other) { std::memcpy(this, &other, sizeof(FieldText)); }
  FieldText& operator=(const FieldText& other) {
    std::memcpy(this, &other, sizeof(FieldText));
    return *this;
  }
  explicit FieldText(std::string_view text) { assign(text); }
  FieldText& operator=(std::string_view text) { return assign(text); }

  // REQUIRES: the result fits in kCapacity characters (the layouts guarantee it).
  FieldText& assign(std::string_view text) {
    LIMEN_CHECK(text.size() <= kCapacity);
    CopyShort(chars_, text.data(), text.size());
    size_ = static_cast<uint8_t>(text.size());
    return *this;
  }
  // The same from text that has kCapacity readable bytes at text.data() (such as a slice of
  // MrzLines, which keeps that much slack): one copy of fixed size, with no branch on the length.
  FieldText& AssignPadded(std::string_view text) {
    LIMEN_CHECK(text.size() <= kCapacity);
    std::memcpy(chars_, text.data(), kCapacity);
    size_ = static_cast<uint8_t>(text.size());
    return *this;
  }
  FieldText& append(std::string_view text) {
    LIMEN_CHECK(size_ + text.size() <= kCapacity);
    CopyShort(chars_ + size_, text.data(), text.size());
    size_ = static_cast<uint8_t>(size_ + text.size());
    return *this;
  }
  void push_back(char c) {
    LIMEN_CHECK(size_ < kCapacity);
    chars_[size_++] = c;
  }
  void clear() { size_ = 0; }

  std::string_view view() const { return std::string_view(chars_, size_); }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  explicit operator std::string() const { return std::string(view()); }

  const char* data() const { return chars_; }
  char* data() { return chars_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char operator[](size_t index) const { return chars_[index]; }
  char front() const { return chars_[0]; }
  char back() const { return chars_[size_ - 1]; }
  const char* begin() const { return chars_; }
  const char* end() const { return chars_ + size_; }

  friend bool operator==(const FieldText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const FieldText& a, const FieldText& b) { return a.view() == b.view(); }

 private:
  // Copies `size` (at most kCapacity) bytes with two overlapping fixed-size copies, inline: field
  // texts are short, and a call to memcpy costs more than the copy itself.
  static void CopyShort(char* to, const char* from, size_t size) {
    if (size >= 16) {
      CopyBlock<16>(to, from);
      if (size > 32) CopyBlock<16>(to + 16, from + 16);
      CopyBlock<16>(to + size - 16, from + size - 16);
    } else if (size >= 8) {
      CopyBlock<8>(to, from);
      CopyBlock<8>(to + size - 8, from + size - 8);
    } else if (size >= 4) {
      CopyBlock<4>(to, from);
      CopyBlock<4>(to + size - 4, from + size - 4);
    } else {
      for (size_t index = 0; index < size; ++index) to[index] = from[index];
    }
  }
  template <size_t kBytes>
  static void CopyBlock(char* to, const char* from) {
    char block[kBytes];
    std::memcpy(block, from, kBytes);
    std::memcpy(to, block, kBytes);
  }

  char chars_[kCapacity];
  uint8_t size_ = 0;
};

// A vector of at most N elements stored inline. Only the elements in use are constructed, so an
// empty FixedVector costs nothing to make, move or destroy.
template <typename T, size_t N>
class FixedVector {
 public:
  // User-provided, so that value-initialising a report does not zero the unused storage.
  FixedVector() {}  // NOLINT(modernize-use-equals-default)
  FixedVector(const FixedVector& other) { CopyFrom(other); }
  FixedVector(FixedVector&& other) noexcept { MoveFrom(std::move(other)); }
  FixedVector& operator=(const FixedVector& other) {
    if (this != &other) {
      clear();
      CopyFrom(other);
    }
    return *this;
  }
  FixedVector& operator=(FixedVector&& other) noexcept {
    if (this != &other) {
      clear();
      MoveFrom(std::move(other));
    }
    return *this;
  }
  ~FixedVector() { clear(); }

  static constexpr size_t capacity() { return N; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T* data() { return std::launder(reinterpret_cast<T*>(storage_)); }
  const T* data() const { return std::launder(reinterpret_cast<const T*>(storage_)); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T& operator[](size_t index) { return data()[index]; }
  const T& operator[](size_t index) const { return data()[index]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }

  // REQUIRES: size() < N (the layouts bound every list the engine fills).
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    LIMEN_CHECK(size_ < N);
    T* item =
        ::new (static_cast<void*>(storage_ + size_ * sizeof(T))) T(std::forward<Args>(args)...);
    ++size_;
    return *item;
  }
  void push_back(const T& item) { emplace_back(item); }
  void push_back(T&& item) { emplace_back(std::move(item)); }

  void clear() {
    if constexpr (!std::is_trivially_destructible_v<T>) {
      for (T& item : *this) item.~T();
    }
    size_ = 0;
  }

 private:
  void CopyFrom(const FixedVector& other) {
    for (const T& item : other) emplace_back(item);
  }
  void MoveFrom(FixedVector&& other) {
    for (T& item : other) emplace_back(std::move(item));
    other.clear();
  }

  alignas(T) unsigned char storage_[N * sizeof(T)];
  size_t size_ = 0;
};

}  // namespace limen::core::document
