using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PayHub.Storage;

/// <summary>
/// ASP.NET Core Data Protection's key ring in <c>data_protection_keys</c>, so every node of one database protects
/// and unprotects (the console's anti-forgery tokens) with the same keys. The XML comes here already sealed under
/// the master key (<see cref="Secrets.MasterKeyXmlEncryptor"/>).
/// </summary>
public sealed class DataProtectionKeyStore(Database database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.Read(db => db.Rows<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name"))
            .Select(xml => XElement.Parse(xml))
            .ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        database.Write(scope => scope.Execute(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@p0, @p1, @p2) ON CONFLICT (name) DO NOTHING",
            friendlyName, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow().ToString("O")));
}
