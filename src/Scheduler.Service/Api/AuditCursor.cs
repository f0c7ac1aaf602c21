using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Scheduler.Service.Api;

/// <summary>
/// Where a page of <c>GET /api/audit</c> ends: the id of its last entry. Entry ids ascend in the order entries were
/// written, so the next page (older entries) starts below it whatever is written meanwhile. Opaque (base64url).
/// </summary>
public readonly record struct AuditCursor(long Id)
{
    const string Prefix = "audit:";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + Id.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string text, out AuditCursor cursor)
    {
        cursor = default;
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            if (!decoded.StartsWith(Prefix, StringComparison.Ordinal)
                || !long.TryParse(decoded.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                return false;

            cursor = new AuditCursor(id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
