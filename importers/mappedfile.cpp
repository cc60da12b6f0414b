#include "mappedfile.h"

#include <atomic>
#include <csignal>
#include <mutex>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace atlas {

namespace {

// The ranges the SIGBUS handler may repair. A slot is published by storing `begin` last and
// withdrawn by clearing it first, so the handler never sees a begin without its end.
struct GuardSlot
{
    std::atomic<bool> used{false};
    std::atomic<std::uintptr_t> begin{0};
    std::atomic<std::uintptr_t> end{0};
    std::atomic<bool> faulted{false};
};
constexpr int SlotCount = 64;
GuardSlot g_slots[SlotCount];
std::atomic<int> g_caught{0};
std::uintptr_t g_pageSize = 4096;
struct sigaction g_previous{};
std::once_flag g_installed;

void forward(int signal, siginfo_t *info, void *context)
{
    if ((g_previous.sa_flags & SA_SIGINFO) && g_previous.sa_sigaction) {
        g_previous.sa_sigaction(signal, info, context);
        return;
    }
    if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler) {
        g_previous.sa_handler(signal);
        return;
    }
    // The default action: returning re-runs the faulting access, which now ends the process.
    struct sigaction fallback{};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, nullptr);
}

void onBusError(int signal, siginfo_t *info, void *context)
{
    static_assert(std::atomic<std::uintptr_t>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
                  "the signal handler needs lock-free atomics");
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (GuardSlot &slot : g_slots) {
        const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
        const std::uintptr_t end = slot.end.load(std::memory_order_acquire);
        if (begin == 0 || address < begin || address >= end)
            continue;
        // Zero pages from the faulting page to the end: what the reader meets is NUL bytes.
        const std::uintptr_t page = address & ~(g_pageSize - 1);
        void *replaced = mmap(reinterpret_cast<void *>(page), end - page, PROT_READ,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (replaced == MAP_FAILED)
            break;
        slot.faulted.store(true, std::memory_order_release);
        g_caught.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    forward(signal, info, context);
}

void installHandler()
{
    g_pageSize = std::uintptr_t(sysconf(_SC_PAGESIZE));
    struct sigaction action{};
    action.sa_sigaction = onBusError;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &g_previous);
}

int claimSlot(std::uintptr_t begin, std::uintptr_t end)
{
    for (int i = 0; i < SlotCount; ++i) {
        bool expected = false;
        if (!g_slots[i].used.compare_exchange_strong(expected, true))
            continue;
        g_slots[i].faulted.store(false);
        g_slots[i].end.store(end, std::memory_order_release);
        g_slots[i].begin.store(begin, std::memory_order_release);
        return i;
    }
    return -1;
}

void freeSlot(int i)
{
    g_slots[i].begin.store(0, std::memory_order_release);
    g_slots[i].end.store(0, std::memory_order_release);
    g_slots[i].used.store(false, std::memory_order_release);
}

} // namespace

std::optional<FileStamp> fileStamp(int fd)
{
    struct stat st{};
    if (fd < 0 || fstat(fd, &st) != 0)
        return std::nullopt;
    return FileStamp{std::int64_t(st.st_size), std::int64_t(st.st_mtim.tv_sec), std::int64_t(st.st_mtim.tv_nsec)};
}

std::unique_ptr<MappedFile> MappedFile::map(int fd, std::size_t length, const FileStamp &stamp)
{
    std::call_once(g_installed, installHandler);
    void *address = mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
    if (address == MAP_FAILED)
        return nullptr;
    madvise(address, length, MADV_SEQUENTIAL);
    const auto begin = reinterpret_cast<std::uintptr_t>(address);
    const int slot = claimSlot(begin, begin + length);
    const int kept = slot >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
    if (kept < 0) {
        if (slot >= 0)
            freeSlot(slot);
        munmap(address, length);
        return nullptr;
    }
    std::unique_ptr<MappedFile> file(new MappedFile);
    file->m_address = address;
    file->m_length = length;
    file->m_fd = kept;
    file->m_slot = slot;
    file->m_stamp = stamp;
    return file;
}

MappedFile::~MappedFile()
{
    freeSlot(m_slot);
    munmap(m_address, m_length);
    ::close(m_fd);
}

bool MappedFile::changed() const
{
    if (g_slots[m_slot].faulted.load(std::memory_order_acquire))
        return true;
    const std::optional<FileStamp> now = fileStamp(m_fd);
    return !now || *now != m_stamp;
}

void MappedFile::release(std::size_t end) const
{
    const std::size_t page = std::size_t(g_pageSize);
    const std::size_t upto = std::min(end / page * page, m_length);
    if (upto > 0)
        madvise(m_address, upto, MADV_DONTNEED);
}

int MappedFile::caughtFaults()
{
    return g_caught.load();
}

} // namespace atlas
