using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Service.Tenancy;

/// <summary>
/// The secret part of an API key: 32 random bytes, base64url, after a <c>sk_</c> prefix. Stored as a SHA-256 hash; a
/// slow password hash buys nothing for a secret with 256 bits of entropy, and a fast one keeps each request cheap.
/// </summary>
public static class ApiKeySecret
{
    const string Marker = "sk_";

    /// <summary>Characters of the secret kept in clear to tell keys apart.</summary>
    public const int PrefixLength = 10;

    public static string Generate() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Compares a presented secret with a configured one in constant time.</summary>
    public static bool Matches(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
