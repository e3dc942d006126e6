namespace PayHub.Client;

/// <summary>
/// One step of an exchange, reported to <see cref="PayHubClientOptions.Explain"/> as it happens: the text that was
/// signed (any secret in it shown as <c>***</c>), the digest, the cipher, the bytes sent and received. What
/// <c>payhub call --explain</c> prints, so a developer can put their own client's steps beside it.
/// </summary>
/// <param name="Name">What the step is: <c>string to sign</c>, <c>signature</c>, <c>payload</c>, <c>cipher</c>, <c>request</c>, <c>response</c>, …</param>
/// <param name="Text">The step's content, as text (bytes are shown decoded in their charset, with their length).</param>
public sealed record ExchangeStep(string Name, string Text);
