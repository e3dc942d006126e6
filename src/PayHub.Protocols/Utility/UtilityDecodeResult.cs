using System.Text;

namespace PayHub.Protocols.Utility;

/// <summary>
/// What reading a body gave: the message, or why it could not be read. The charset is kept either
/// way, because a response is written in the request's charset (GBK when it was unusable).
/// </summary>
public sealed record UtilityDecodeResult(UtilityMessage? Message, string? Problem, Encoding Encoding, string DeclaredCharset)
{
    public static UtilityDecodeResult Ok(UtilityMessage message, Encoding encoding, string declaredCharset) =>
        new(message, null, encoding, declaredCharset);

    public static UtilityDecodeResult Fail(string problem, Encoding encoding, string declaredCharset) =>
        new(null, problem, encoding, declaredCharset);
}
