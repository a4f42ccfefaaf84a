import CFFmpeg

/// Allocator settings for a process that renders and ends (`termcut render --smart`).
public enum ProcessAllocator {
    /// glibc keeps the memory it frees for reuse instead of returning it to the kernel. A
    /// smart render opens and closes an x264 encoder for every re-encoded span, and each one
    /// mapped and zeroed its buffers afresh: the kernel's page clearing was a sixth of the
    /// work. Kept, they are reused (bench export (b): 3.6-4.1 s -> 2.9-3.2 s, peak memory
    /// 325 -> about 365 MiB). Not for the editor, which lives on and should give memory back.
    public static func keepFreedMemory() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)   // glibc's largest: x264's frames come from the heap
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }
}
