#if canImport(Glibc)
import Glibc
#endif

/// Hands memory that the process has freed back to the system.
///
/// glibc keeps freed small blocks in its heap for reuse, and a video's pose pass frees many: each frame's
/// landmarks are a block of about 0.7 kB, and they are freed together once they have become tracks. The
/// arrays that follow are large, so they are mapped afresh and never reuse those blocks: without this, the
/// landmarks of a 30-minute clip at 60 fps (some 75 MB) would stay resident through the analysis.
/// `malloc_trim` is glibc's (not in Swift's Glibc module, hence the lookup); elsewhere this does nothing.
public enum FreedMemory {
    public static func returnToSystem() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
