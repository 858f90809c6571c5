#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Core has no Foundation; these wrap libm so the rest of Core reads plainly.
@inline(__always) func atan2Safe(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inline(__always) func acosSafe(_ x: Double) -> Double { acos(x) }
@inline(__always) func sinSafe(_ x: Double) -> Double { sin(x) }
@inline(__always) func cosSafe(_ x: Double) -> Double { cos(x) }
@inline(__always) func hypotSafe(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
@inline(__always) func asinSafe(_ x: Double) -> Double { asin(x) }
@inline(__always) func atanSafe(_ x: Double) -> Double { atan(x) }
@inline(__always) func tanSafe(_ x: Double) -> Double { tan(x) }
