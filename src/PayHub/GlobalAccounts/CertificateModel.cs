namespace PayHub.GlobalAccounts;

public sealed record CertificateModel(string? CertificateType, string? CertificateNo);
