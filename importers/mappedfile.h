// A read-only memory map of a file that survives the file changing under it.
//
// Another program may truncate or rewrite an export while it is being read (an export script
// run again, a sync client). Reading a mapped page that now lies past the end of the file
// raises SIGBUS, which would end the process — the GUI with its open workspace included. Every
// MappedFile registers its address range with one process-wide SIGBUS handler: a fault inside
// a registered range replaces the pages from the fault to the end of the map with zero pages
// (the reader then meets NUL bytes, which fail any parse) and marks the file as changed; a
// fault anywhere else goes to the handler that was there before (or the default: the process
// ends, as it should for a bug). changed() also compares the file's size and modification
// time with those it had when it was mapped, for rewrites that keep the file's length.
// Linux only (the product's platform): the handler remaps with mmap, which Linux allows in a
// signal handler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace atlas {

// What identifies a file's content without reading it: its size and modification time.
struct FileStamp
{
    std::int64_t size = 0;
    std::int64_t modifiedSeconds = 0;
    std::int64_t modifiedNanoseconds = 0;
    bool operator==(const FileStamp &) const = default;
};
std::optional<FileStamp> fileStamp(int fd);

class MappedFile
{
public:
    // Maps the first `length` bytes (a whole number of pages) of the open file `fd`, whose size
    // was `stamp.size`; keeps a duplicate of `fd` to look at the file again. Null when the map
    // cannot be made or too many files are mapped at once (the caller reads the file instead).
    static std::unique_ptr<MappedFile> map(int fd, std::size_t length, const FileStamp &stamp);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const char *data() const { return static_cast<const char *>(m_address); }
    // Whether the file was truncated (a read past its new end was caught) or rewritten since it
    // was mapped. Safe to call while other threads read the map.
    bool changed() const;
    // Drops the pages before `end`: they come back from the file if they are read again.
    void release(std::size_t end) const;

    // The number of reads past a truncated end caught in this process (for tests).
    static int caughtFaults();

private:
    MappedFile() = default;
    void *m_address = nullptr;
    std::size_t m_length = 0;
    int m_fd = -1;
    int m_slot = -1;
    FileStamp m_stamp;
};

} // namespace atlas
