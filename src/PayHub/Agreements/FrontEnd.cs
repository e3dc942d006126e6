using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// A registered front-end system: its client id, its HMAC secret and its rate limit, and the secret a rotation
/// replaced while its overlap window lasts.
/// </summary>
public sealed record FrontEnd(string ClientId, byte[] Secret, int? RateLimitPerSecond, byte[]? PreviousSecret = null, DateTimeOffset? PreviousUntil = null)
{
    /// <summary>Whether the signature is the body's HMAC under the secret, or under the replaced one inside its window.</summary>
    public bool Signed(byte[] body, string signature, DateTimeOffset now) =>
        Protocols.Agreements.DspSignature.Verify(Secret, body, signature)
        || (PreviousSecret is not null && PreviousUntil > now && Protocols.Agreements.DspSignature.Verify(PreviousSecret, body, signature));
}
