namespace PayHub.Tests.Extending;

/// <summary>The echo family's answer: a code, a message, and the fields echoed back.</summary>
public sealed record EchoAnswer(string RespCode, string RespMessage, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public static EchoAnswer Refuse(string code, string message) => new(code, message, []);
}
