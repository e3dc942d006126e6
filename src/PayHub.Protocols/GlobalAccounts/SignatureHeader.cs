namespace PayHub.Protocols.GlobalAccounts;

/// <summary>
/// The <c>Signature</c> header: <c>algorithm=RSA256,keyVersion=N,signature=S</c>. Read tolerantly
/// (spaces around parts, names in any case, parts in any order); written exactly in that layout,
/// because official clients split on <c>,</c> and take the third element.
/// </summary>
public sealed record SignatureHeader(string Algorithm, int KeyVersion, string Signature)
{
    public override string ToString() => $"algorithm={Algorithm},keyVersion={KeyVersion},signature={Signature}";

    public static SignatureHeader Rsa256(int keyVersion, string signature) => new("RSA256", keyVersion, signature);

    /// <summary>Parses the header; null when a part is missing, the algorithm is not RSA256 or the key version not a positive number.</summary>
    public static SignatureHeader? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        string? algorithm = null, keyVersion = null, signature = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase))
            {
                algorithm = value;
            }
            else if (name.Equals("keyVersion", StringComparison.OrdinalIgnoreCase))
            {
                keyVersion = value;
            }
            else if (name.Equals("signature", StringComparison.OrdinalIgnoreCase))
            {
                signature = value;
            }
        }

        return algorithm is not null && algorithm.Equals("RSA256", StringComparison.OrdinalIgnoreCase) && signature is { Length: > 0 }
            && int.TryParse(keyVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? new SignatureHeader("RSA256", version, signature)
            : null;
    }
}
