public import PoseRunImage

/// The landmark model's input crop on its own, for `poserun-bench warp`: the warp is internal, and inside the
/// pipeline its time is mixed with the model's and the decoder's.
public enum LandmarkCrop {
    /// Fills `output` (256 × 256 × 3 floats, 0…1) from `image` for `region` as PoseLandmarker does; `split`
    /// false keeps the whole crop on the calling thread instead of two halves at once.
    public static func fill(_ output: UnsafeMutableBufferPointer<Float>, from image: RGBImage, region: PoseRegion, split: Bool = true) {
        let size = BlazePoseConstants.landmarkInputSize
        ImageWarp.crop(region, size: size).fill(
            output, from: image, size: size, border: .replicate, range: BlazePoseConstants.landmarkInputRange, split: split)
    }
}
