// Runs the resource mapper on a second thread while a reader parses: the reader's calls are
// queued in batches and replayed, in order, on a consumer thread, so parsing and mapping
// overlap on two cores. Readers do not change; the order of calls is kept exactly. When the
// consumer is behind, the reader does not just wait: it runs the target's prepare() on the
// resources of its next batch, moving conversion work to the thread that has time.
#pragma once

#include "exportformat.h"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace atlas {

class PipelineSink final : public ResourceSink
{
public:
    explicit PipelineSink(ResourceSink &target);
    ~PipelineSink() override; // call finish() first: the destructor only stops the thread

    void resource(CloudResource &&resource) override;
    void skipped(SkippedResource &&skipped) override;
    void warning(const SourceRef &at, const QString &message) override;
    void replication(const std::string &sourceId, Replica &&replica) override;
    void regionPair(const std::string &provider, const std::string &region, const std::string &paired,
                    const SourceRef &at) override;

    // Waits until every queued call has reached the target; rethrows what the target threw
    // (out of memory), so it reaches the caller's thread and not std::terminate.
    void finish();
    // Time each side spent waiting for the other (ATLAS_IMPORT_TIMING: which one bounds).
    std::int64_t producerWaitMs() const { return m_producerWaitNs / 1000000; }
    std::int64_t consumerWaitMs() const { return m_consumerWaitNs.load() / 1000000; }

private:
    struct Warning { SourceRef at; QString message; };
    struct Link { std::string sourceId; Replica replica; };
    struct Pair { std::string provider, region, paired; SourceRef at; };
    using Call = std::variant<CloudResource, SkippedResource, Warning, Link, Pair>;

    void push(Call &&call);
    void flush();
    void run();

    ResourceSink &m_target;
    std::size_t m_batch;
    std::vector<Call> m_filling;
    std::vector<Call> m_queued;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_drained;
    bool m_busy = false;
    std::atomic<int> m_pending{0}; // batches handed over and not yet replayed
    std::int64_t m_producerWaitNs = 0;
    std::atomic<std::int64_t> m_consumerWaitNs{0};
    bool m_done = false;
    std::exception_ptr m_failure;
    std::thread m_thread;
};

} // namespace atlas
