using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PayHub.Secrets;

/// <summary>Seals each Data Protection key under the master key before it is stored (the console's anti-forgery keys).</summary>
public sealed class MasterKeyXmlEncryptor(SecretBox box) : IXmlEncryptor
{
    public const string ElementName = "sealedUnderMasterKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(
            new XElement(ElementName, box.Seal(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)))),
            typeof(MasterKeyXmlDecryptor));
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed; Data Protection creates it with the service provider.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(Encoding.UTF8.GetString(services.GetRequiredService<SecretBox>().Open(encryptedElement.Value)));
}
