using System.Text;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Client.GlobalAccounts;

/// <summary>An answer whose signature verified, as its bytes and its result: what an operation without a typed answer gives.</summary>
public sealed class VerifiedAnswer
{
    internal VerifiedAnswer(Result result, byte[] body)
    {
        Result = result;
        Body = body;
    }

    /// <summary>The answer's result.</summary>
    public Result Result { get; }

    /// <summary>True for status S.</summary>
    public bool IsSuccess => Result.ResultStatus == "S";

    /// <summary>The body exactly as received (and signed).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as text (UTF-8).</summary>
    public string Json => Encoding.UTF8.GetString(Body.Span);
}
