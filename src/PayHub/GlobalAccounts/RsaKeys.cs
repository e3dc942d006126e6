using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PayHub.GlobalAccounts;

/// <summary>
/// One RSA key, imported once per thread that uses it: the platform's RSA objects are not documented
/// as safe for concurrent use, and importing a key for every request would cost more than verifying.
/// </summary>
public sealed class RsaKey : IDisposable
{
    private readonly ConcurrentBag<RSA> _idle = [];
    private readonly Func<RSA> _create;

    private RsaKey(Func<RSA> create) => _create = create;

    public static RsaKey FromPem(string pem)
    {
        using (var probe = RSA.Create())
        {
            probe.ImportFromPem(pem); // throws on a PEM that holds no RSA key
        }

        return new RsaKey(() =>
        {
            var key = RSA.Create();
            key.ImportFromPem(pem);
            return key;
        });
    }

    public static RsaKey FromPkcs8(byte[] pkcs8) => new(() =>
    {
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    });

    public T Use<T>(Func<RSA, T> work)
    {
        var key = _idle.TryTake(out var idle) ? idle : _create();
        try
        {
            return work(key);
        }
        finally
        {
            _idle.Add(key);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var key))
        {
            key.Dispose();
        }
    }
}
