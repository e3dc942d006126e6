using System.Text;

namespace PayHub.Protocols.Xml;

/// <summary>
/// The character sets an XML body may come in, for every family that reads XML: GBK, GB18030 and
/// UTF-8, each strict (bytes or characters it cannot map are refused, not guessed at).
/// </summary>
public static class XmlCharsets
{
    /// <summary>GBK that throws on bytes or characters it cannot map, so bad input is refused, not guessed at.</summary>
    public static Encoding Gbk { get; } = Strict(936);

    public static Encoding Gb18030 { get; } = Strict(54936);

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Finds the strict encoding for a charset label, and the name to declare it by in a response.</summary>
    public static bool TryGet(string label, out Encoding encoding, out string declaredName)
    {
        switch (label.Trim().ToUpperInvariant())
        {
            case "GBK" or "CP936" or "GB2312" or "X-GBK":
                (encoding, declaredName) = (Gbk, "GBK");
                return true;
            case "GB18030":
                (encoding, declaredName) = (Gb18030, "GB18030");
                return true;
            case "UTF-8" or "UTF8":
                (encoding, declaredName) = (Utf8, "UTF-8");
                return true;
            default:
                (encoding, declaredName) = (Gbk, "GBK");
                return false;
        }
    }

    private static Encoding Strict(int codePage)
    {
        // The code pages ship with the platform but must be registered before use; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
