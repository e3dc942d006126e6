using System.Text.Json;
using PayHub.Protocols.RiskCases;

namespace PayHub.RiskCases;

/// <summary>
/// What an operation answers: a return code with its message, and on success the <c>data</c> it writes, with about how
/// many bytes the whole answer takes (a page of cases is about 0.9 KB a row, up to 100 rows: its buffer is taken at that
/// size once instead of grown by doubling, a copy and a discarded array at each step).
/// </summary>
public sealed record RiskAnswer(int ReturnCode, string ReturnMessage, Action<Utf8JsonWriter>? Data = null, int SizeHint = 0)
{
    public static RiskAnswer Refuse(int code, string? detail = null) =>
        new(code, detail is null ? RiskReturnCode.Message(code) : RiskReturnCode.Message(code) + ": " + detail);
}
