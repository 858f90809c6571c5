/// Every number of BlazePose's CPU pipeline, as MediaPipe 0.10.14 configures it, with the file it
/// comes from (paths in the google-ai-edge/mediapipe repository, tag v0.10.14). Nothing here is
/// tuned by PoseRun: to follow a new MediaPipe release, change these and the sources beside them.
public enum BlazePoseConstants {
    // MARK: - Detector input (modules/pose_detection/pose_detection_cpu.pbtxt, ImageToTensorCalculator)

    /// Detector input side in pixels (output_tensor_width/height: 224).
    public static let detectorInputSize = 224
    /// Detector input value range (output_tensor_float_range min −1, max 1).
    public static let detectorInputRange: ClosedRange<Float> = -1...1
    // keep_aspect_ratio: true → letterbox; border_mode: BORDER_ZERO → padding pixels are 0 (→ −1).

    // MARK: - SSD anchors (pose_detection_cpu.pbtxt, SsdAnchorsCalculator; generation in
    // calculators/tflite/ssd_anchors_calculator.cc, defaults in ssd_anchors_calculator.proto)

    public static let anchorLayerCount = 5  // num_layers
    public static let anchorMinScale: Float = 0.1484375  // min_scale
    public static let anchorMaxScale: Float = 0.75  // max_scale
    public static let anchorOffset: Float = 0.5  // anchor_offset_x / anchor_offset_y
    public static let anchorStrides = [8, 16, 32, 32, 32]  // strides
    public static let anchorAspectRatios: [Float] = [1.0]  // aspect_ratios
    /// interpolated_scale_aspect_ratio (proto default 1.0): adds a second anchor per cell.
    public static let anchorInterpolatedScaleAspectRatio: Float = 1.0
    /// fixed_anchor_size: true → every anchor is 1×1, so box sizes are the raw values / 224.
    public static let anchorFixedSize = true

    // MARK: - Box decoding (pose_detection_cpu.pbtxt, TensorsToDetectionsCalculator; decoding in
    // calculators/tensor/tensors_to_detections_calculator.cc)

    public static let detectorBoxCount = 2254  // num_boxes
    public static let detectorValuesPerBox = 12  // num_coords: box (4) + 4 keypoints × 2
    public static let detectorKeypointOffset = 4  // keypoint_coord_offset
    public static let detectorKeypointCount = 4  // num_keypoints
    /// x_scale, y_scale, w_scale, h_scale: raw offsets are in input pixels.
    public static let detectorCoordinateScale: Float = 224
    /// score_clipping_thresh: logits are clipped to ±100 before the sigmoid.
    public static let detectorScoreClipping: Float = 100
    /// min_score_thresh: detections below this probability are dropped. (Python's
    /// `mediapipe.solutions.pose` min_detection_confidence, default 0.5, sets the same value.)
    public static let detectorMinScore: Float = 0.5
    // reverse_output_order: true → box values are x_center, y_center, w, h; keypoints x, y.

    // MARK: - Non-maximum suppression (pose_detection_cpu.pbtxt, NonMaxSuppressionCalculator;
    // calculators/util/non_max_suppression_calculator.cc)

    /// min_suppression_threshold with overlap_type INTERSECTION_OVER_UNION, algorithm WEIGHTED.
    public static let suppressionMinOverlap: Float = 0.3

    // MARK: - Detection → region of interest (modules/pose_landmark/pose_detection_to_roi.pbtxt:
    // AlignmentPointsRectsCalculator, then RectTransformationCalculator)

    /// rotation_vector_start_keypoint_index: keypoint 0 (mid-hip) is the region's centre.
    public static let alignmentCentreKeypoint = 0
    /// rotation_vector_end_keypoint_index: keypoint 1; twice its distance from the centre is the size.
    public static let alignmentScaleKeypoint = 1
    /// rotation_vector_target_angle_degrees: the centre→scale vector is turned to point up.
    public static let alignmentTargetAngleDegrees: Float = 90
    /// scale_x, scale_y: the region is enlarged by 25 % (square_long: true, so it stays square).
    public static let regionScale: Float = 1.25

    // MARK: - Landmark model (modules/pose_landmark/pose_landmark_by_roi_cpu.pbtxt,
    // tensors_to_pose_landmarks_and_segmentation.pbtxt)

    /// Landmark input side in pixels (output_tensor_width/height: 256).
    public static let landmarkInputSize = 256
    /// Landmark input value range (output_tensor_float_range min 0, max 1).
    public static let landmarkInputRange: ClosedRange<Float> = 0...1
    // border_mode unset → BORDER_REPLICATE (image_to_tensor_utils.cc GetBorderMode).
    /// num_landmarks: 33 body landmarks + 2 auxiliary (alignment) + 4 unused.
    public static let modelLandmarkCount = 39
    /// SplitNormalizedLandmarkListCalculator ranges 0–33: the body landmarks.
    public static let bodyLandmarkCount = 33
    /// SplitNormalizedLandmarkListCalculator ranges 33–35: the two auxiliary landmarks that
    /// place the next frame's region (pose_landmarks_to_roi.pbtxt uses them like keypoints 0 and 1).
    public static let auxiliaryLandmarkRange = 33..<35
    /// ThresholdingCalculator threshold on the pose-presence output (already a probability: the
    /// graph applies no activation). Below it the landmarks are dropped and the next frame
    /// runs the detector again. (Python's min_tracking_confidence, default 0.5.)
    public static let posePresenceThreshold: Float = 0.5
    /// RefineLandmarksFromHeatmapCalculator window, in heatmap cells: 9, the proto's default
    /// (refine_landmarks_from_heatmap_calculator.proto), not the graph's `kernel_size: 7`
    /// (tensors_to_pose_landmarks_and_segmentation.pbtxt). `mediapipe.solutions.pose` 0.10.14 —
    /// the reference PoseRun is held to — never imports that option's Python module, and a graph
    /// built from Python then runs the calculator without its options. Measured: on the sprint
    /// clip's frame 6 (a fresh detection, nothing smoothed) the five refined landmarks of
    /// `pose.process` match a 9-cell window to 0.001 px and miss a 7-cell one by up to 3 px; with
    /// the module imported first, the same graph gives the 7-cell values. Those differences fed
    /// the next frame's region through the refined auxiliary landmarks and split the two tracks.
    /// (MediaPipe's Tasks API sets the option in C++, pose_landmarks_detector_graph.cc, and runs 7.)
    public static let heatmapKernelSize = 9
    /// RefineLandmarksFromHeatmapCalculator min_confidence_to_refine (proto default 0.5, not set by the graph).
    public static let heatmapMinConfidence: Float = 0.5
    // visibility_activation / presence_activation: SIGMOID.

    // MARK: - Smoothing (modules/pose_landmark/pose_landmark_filtering.pbtxt;
    // util/filtering/one_euro_filter.cc, low_pass_filter.cc)

    /// The auxiliary landmarks are always smoothed (not switchable) before they place the next
    /// region: one-euro min_cutoff 0.01, beta 10, derivate_cutoff 1.
    static let auxiliaryFilter = OneEuroFilter.Parameters(minCutoff: 0.01, beta: 10, derivativeCutoff: 1)
    /// The body landmarks, when smooth_landmarks is on (Python's default): min_cutoff 0.05, beta 80.
    static let bodyFilter = OneEuroFilter.Parameters(minCutoff: 0.05, beta: 80, derivativeCutoff: 1)
    /// VisibilitySmoothingCalculator low_pass_filter alpha for body landmarks' visibility.
    public static let visibilitySmoothingAlpha: Float = 0.1
    /// OneEuroFilterConfig frequency default (landmarks_smoothing_calculator.proto): used until
    /// two non-zero timestamps give the real rate.
    public static let filterDefaultFrequency: Double = 30
}
