import Dispatch

/// Runs work over batches on several threads, each thread with its own worker state (a
/// pipeline's ICU iterators, a repair cache). Results keep input order and do not depend on the
/// thread count: each worker fills fixed slots.
public final class WorkerPool<Worker>: @unchecked Sendable {
    private let workers: [Worker]

    /// `makeWorker` is called once per thread.
    public init(jobs: Int, makeWorker: () throws -> Worker) rethrows {
        var workers: [Worker] = []
        for _ in 0..<max(1, jobs) { workers.append(try makeWorker()) }
        self.workers = workers
    }

    public var jobs: Int { workers.count }

    /// Inputs handed to a thread at a time.
    private static var block: Int { 16 }

    /// Applies `transform` to every input on the threads (each call gets its thread's worker),
    /// results in input order. Parsing, stages, signatures and serialization all run here, so
    /// that the calling thread only reads and writes bytes.
    public func map<Input, Output>(_ inputs: [Input], _ transform: (Worker, Input) -> Output) -> [Output] {
        if workers.count == 1 || inputs.count < 2 {
            return inputs.map { transform(workers[0], $0) }
        }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        defer {
            // The slots own their results until released here.
            _ = results.deinitialize()
            results.deallocate()
        }
        let threads = min(workers.count, inputs.count)
        withoutActuallyEscaping(transform) { transform in
            let slots = UncheckedBox(results)
            let work = UncheckedBox(transform)
            let items = UncheckedBox(inputs)
            let state = UncheckedBox(workers)
            // Runs of neighbouring inputs go to the same thread, so that a worker's cache (the
            // canonical copy of a story whose copies sit together) serves the whole run.
            let block = Self.block
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var start = thread * block
                while start < items.value.count {
                    for index in start..<min(start + block, items.value.count) {
                        slots.value[index] = work.value(state.value[thread], items.value[index])
                    }
                    start += threads * block
                }
            }
        }
        return results.map { $0! }
    }
}

/// Per-document stages on every core: one pipeline per thread.
public typealias BatchRunner = WorkerPool<Pipeline>

extension WorkerPool where Worker == Pipeline {
    public func run(_ documents: [Document]) -> [Result<Document, StageError>] {
        map(documents) { pipeline, document in pipeline.process(document) }
    }
}

/// Hands values to worker threads that each write their own, disjoint slots.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
