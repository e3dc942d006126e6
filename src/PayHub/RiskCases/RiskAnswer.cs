using System.Text.Json;
using PayHub.Protocols.RiskCases;

namespace PayHub.RiskCases;

/// <summary>What an operation answers: a return code with its message, and on success the <c>data</c> it writes.</summary>
public sealed record RiskAnswer(int ReturnCode, string ReturnMessage, Action<Utf8JsonWriter>? Data = null)
{
    public static RiskAnswer Refuse(int code, string? detail = null) =>
        new(code, detail is null ? RiskReturnCode.Message(code) : RiskReturnCode.Message(code) + ": " + detail);
}
