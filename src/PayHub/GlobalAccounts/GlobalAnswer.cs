using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>An operation's answer: the result, and the fields written before it (only on success).</summary>
public sealed record GlobalAnswer(Result Result, Action<Utf8JsonWriter>? Fields = null)
{
    public static GlobalAnswer Refuse(Result result) => new(result);
}
