import Crypto
import Foundation
import PoseRunReport

/// The app's Content-Security-Policies, one for its own pages and one for the analysis report it shows.
public enum ContentSecurityPolicy {
    /// Every page of the app: no inline script or style at all, nothing from elsewhere, never framed.
    public static let pages = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The report's own policy (`report.html` inside the app): its two inline scripts, the player and the
    /// error recorder, allowed by their SHA-256 hashes and no other inline script, so a value that slipped
    /// past the report's escaping still could not run. Inline *styles* are allowed on this page only: the
    /// report is one self-contained file (it must open offline by a double-click) with a `<style>` block
    /// and a few `style` attributes, and a style cannot run code. Framed by this site only.
    public static let report: String = {
        let hashes = HTMLReport.inlineScripts.map { script in
            "'sha256-" + Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString() + "'"
        }
        return "default-src 'self'; script-src 'self' \(hashes.joined(separator: " ")); style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    }()
}
