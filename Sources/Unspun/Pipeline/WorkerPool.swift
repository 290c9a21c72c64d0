import Dispatch
import Synchronization

/// Runs work over batches on several threads, each thread with its own worker state (a
/// pipeline's ICU iterators, a repair cache). Results keep input order and do not depend on the
/// thread count: each input has a fixed slot, whichever thread fills it.
final class WorkerPool<Worker>: @unchecked Sendable {
    private let workers: [Worker]

    /// `makeWorker` is called once per thread.
    convenience init(jobs: Int, makeWorker: () throws -> Worker) rethrows {
        var workers: [Worker] = []
        for _ in 0..<max(1, jobs) { workers.append(try makeWorker()) }
        self.init(workers)
    }

    /// One thread per worker; each worker is used by one thread at a time.
    init(_ workers: [Worker]) {
        self.workers = workers
    }

    var jobs: Int { workers.count }

    /// Inputs a thread takes at a time: neighbouring inputs go to the same thread, so that a
    /// worker's cache (the canonical copy of a story whose copies sit together) serves them all.
    private static var block: Int { 16 }

    /// Applies `transform` to every input on the threads (each call gets its thread's worker),
    /// results in input order. Threads take the next block of inputs when they finish one, so a
    /// long document holds up one thread, not the batch.
    func map<Input, Output>(_ inputs: [Input], _ transform: @Sendable (Worker, Input) -> Output) -> [Output] {
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
        let threads = min(workers.count, (inputs.count + Self.block - 1) / Self.block)
        let nextBlock = Atomic<Int>(0)
        withoutActuallyEscaping(transform) { transform in
            let slots = UncheckedBox(results)
            let work = UncheckedBox(transform)
            let items = UncheckedBox(inputs)
            let state = UncheckedBox(workers)
            let block = Self.block
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                while true {
                    let start = nextBlock.add(1, ordering: .relaxed).oldValue * block
                    guard start < items.value.count else { return }
                    for index in start..<min(start + block, items.value.count) {
                        slots.value[index] = work.value(state.value[thread], items.value[index])
                    }
                }
            }
        }
        return results.map { $0! }
    }

    /// Streams batches through the threads: while they work on one batch, the calling thread
    /// hands the previous batch's results to `consume` (in input order) and reads the next batch
    /// with `next`, so that reading and writing overlap the work instead of pausing it.
    func stream<Input, Output>(
        batches next: () throws -> [Input]?, _ transform: @escaping @Sendable (Worker, Input) -> Output,
        consume: ([Input], [Output]) throws -> Void
    ) throws {
        var finished: (inputs: [Input], outputs: [Output])?
        var batch = try next()
        while let inputs = batch {
            let running = launch(inputs, transform)
            do {
                if let finished { try consume(finished.inputs, finished.outputs) }
                finished = nil
                batch = try next()
            } catch {
                _ = running.wait()
                throw error
            }
            finished = (inputs, running.wait())
        }
        if let finished { try consume(finished.inputs, finished.outputs) }
    }

    /// Starts `map` on a background thread.
    private func launch<Input, Output>(_ inputs: [Input], _ transform: @escaping @Sendable (Worker, Input) -> Output) -> Running<Output> {
        let running = Running<Output>()
        let job = UncheckedBox((self, inputs, transform))
        DispatchQueue.global(qos: .userInitiated).async {
            let (pool, inputs, transform) = job.value
            running.finish(pool.map(inputs, transform))
        }
        return running
    }
}

/// A batch being mapped on a background thread.
private final class Running<Output>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outputs: [Output] = []

    func finish(_ outputs: [Output]) {
        self.outputs = outputs
        done.signal()
    }

    /// The outputs, once the batch is done (the semaphore orders the write before this read).
    func wait() -> [Output] {
        done.wait()
        return outputs
    }
}

/// Per-document stages on every core: one pipeline per worker, built from the same recipes,
/// each used by one thread at a time. Results keep input order and do not depend on the thread
/// count. Not `Sendable`: two calls at once would share the workers' pipelines.
public final class BatchRunner {
    let pool: WorkerPool<Pipeline>

    /// One pipeline per thread from `recipes`, with the rules in `rules`.
    public convenience init(jobs: Int, recipes: [any StageRecipe], rules: RuleBook = RuleBook()) throws(PipelineError) {
        try self.init(jobs: jobs) { () throws(PipelineError) in try Pipeline(recipes, rules: rules) }
    }

    /// `makePipeline` is called once per thread, on the calling thread.
    public init<Failure: Error>(jobs: Int, makePipeline: () throws(Failure) -> Pipeline) throws(Failure) {
        var pipelines: [Pipeline] = []
        for _ in 0..<max(1, jobs) { pipelines.append(try makePipeline()) }
        pool = WorkerPool(pipelines)
    }

    public var jobs: Int { pool.jobs }

    /// Every document through the stages, results in input order.
    public func run(_ documents: [Document]) -> [Result<Document, StageError>] {
        map(documents) { pipeline, document in pipeline.process(document) }
    }

    /// Any per-document work with the thread's pipeline, results in input order.
    public func map<Input, Output>(_ inputs: [Input], _ transform: @Sendable (Pipeline, Input) -> Output) -> [Output] {
        pool.map(inputs, transform)
    }

    /// Batches through the threads while the calling thread reads the next batch and hands the
    /// previous one's results (in input order) to `consume`.
    public func stream<Input, Output>(
        batches next: () throws -> [Input]?, _ transform: @escaping @Sendable (Pipeline, Input) -> Output,
        consume: ([Input], [Output]) throws -> Void
    ) throws {
        try pool.stream(batches: next, transform, consume: consume)
    }
}

/// Hands values to worker threads that each write their own, disjoint slots.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
