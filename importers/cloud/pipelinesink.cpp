#include "pipelinesink.h"

#include <chrono>

namespace atlas {

namespace {
// Batches start small, so that the mapper starts early, and grow to this.
constexpr std::size_t firstBatch = 32;
constexpr std::size_t batchSize = 512;
}

PipelineSink::PipelineSink(ResourceSink &target) : m_target(target), m_batch(firstBatch)
{
    m_filling.reserve(batchSize);
    m_thread = std::thread([this] { run(); });
}

PipelineSink::~PipelineSink()
{
    {
        std::unique_lock lock(m_mutex);
        m_drained.wait(lock, [this] { return m_queued.empty() && !m_busy; });
    }
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_ready.notify_all();
    m_thread.join();
}

void PipelineSink::push(Call &&call)
{
    m_filling.push_back(std::move(call));
    if (m_filling.size() >= m_batch) {
        m_batch = std::min(batchSize, m_batch * 2);
        flush();
    }
}

void PipelineSink::flush()
{
    if (m_filling.empty())
        return;
    // The consumer is still replaying the last batch: prepare this one meanwhile.
    for (Call &call : m_filling) {
        if (m_pending.load(std::memory_order_acquire) == 0)
            break;
        if (auto *r = std::get_if<CloudResource>(&call))
            m_target.prepare(*r);
    }
    std::unique_lock lock(m_mutex);
    // One batch in flight at most: memory stays bounded when mapping is the slower side.
    const auto waitStart = std::chrono::steady_clock::now();
    m_drained.wait(lock, [this] { return m_queued.empty() && !m_busy; });
    m_producerWaitNs += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - waitStart).count();
    m_queued.swap(m_filling);
    m_pending.fetch_add(1, std::memory_order_release);
    lock.unlock();
    m_ready.notify_one();
    m_filling.clear();
}

void PipelineSink::finish()
{
    flush();
    std::unique_lock lock(m_mutex);
    m_drained.wait(lock, [this] { return m_queued.empty() && !m_busy; });
    if (m_failure)
        std::rethrow_exception(std::exchange(m_failure, nullptr));
}

void PipelineSink::run()
{
    std::vector<Call> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            const auto waitStart = std::chrono::steady_clock::now();
            m_ready.wait(lock, [this] { return !m_queued.empty() || m_done; });
            m_consumerWaitNs += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - waitStart).count();
            if (m_queued.empty() && m_done)
                return;
            batch.swap(m_queued);
            m_busy = true;
        }
        m_drained.notify_all();
        std::exception_ptr failure;
        try {
            for (Call &call : batch) {
                if (auto *r = std::get_if<CloudResource>(&call))
                    m_target.resource(std::move(*r));
                else if (auto *s = std::get_if<SkippedResource>(&call))
                    m_target.skipped(std::move(*s));
                else if (auto *w = std::get_if<Warning>(&call))
                    m_target.warning(w->at, w->message);
                else if (auto *l = std::get_if<Link>(&call))
                    m_target.replication(l->sourceId, std::move(l->replica));
                else if (auto *p = std::get_if<Pair>(&call))
                    m_target.regionPair(p->provider, p->region, p->paired, p->at);
            }
        } catch (...) {
            failure = std::current_exception();
        }
        batch.clear();
        m_pending.fetch_sub(1, std::memory_order_release);
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
            if (failure && !m_failure)
                m_failure = failure;
        }
        m_drained.notify_all();
    }
}

void PipelineSink::resource(CloudResource &&resource) { push(std::move(resource)); }
void PipelineSink::skipped(SkippedResource &&skipped) { push(std::move(skipped)); }
void PipelineSink::warning(const SourceRef &at, const QString &message) { push(Warning{at, message}); }
void PipelineSink::replication(const std::string &sourceId, Replica &&replica) { push(Link{sourceId, std::move(replica)}); }
void PipelineSink::regionPair(const std::string &provider, const std::string &region, const std::string &paired, const SourceRef &at)
{
    push(Pair{provider, region, paired, at});
}

} // namespace atlas
