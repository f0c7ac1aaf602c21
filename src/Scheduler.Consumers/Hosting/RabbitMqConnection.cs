using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Where and as whom to connect to RabbitMQ, read from an AMQP URI such as
/// <c>amqp://guest:guest@127.0.0.1:5672/</c> or <c>amqps://user:secret@rabbit.example.com/orders</c>.
/// </summary>
/// <remarks>
/// Follows RabbitMQ's URI rules: the port defaults to 5672 (amqp) or 5671 (amqps); the credentials
/// default to guest/guest; the path is the percent-encoded virtual host, and an empty path means "/".
/// </remarks>
public sealed record RabbitMqConnection
{
    /// <summary>The default port of <c>amqp://</c>.</summary>
    public const int AmqpPort = 5672;

    /// <summary>The default port of <c>amqps://</c>.</summary>
    public const int AmqpsPort = 5671;

    RabbitMqConnection(string host, int port, string virtualHost, string username, string password, bool useTls)
    {
        Host = host;
        Port = port;
        VirtualHost = virtualHost;
        Username = username;
        Password = password;
        UseTls = useTls;
    }

    /// <summary>The broker's host name or IP address (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The broker's port.</summary>
    public int Port { get; }

    /// <summary>The virtual host, decoded: <c>/</c> for the default one.</summary>
    public string VirtualHost { get; }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>Whether the URI is <c>amqps://</c>.</summary>
    public bool UseTls { get; }

    /// <summary>Parses an AMQP URI or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static RabbitMqConnection Parse(string uri) =>
        TryParse(uri, out var connection, out var error) ? connection : throw new FormatException(error);

    /// <summary>Parses an AMQP URI; on failure <paramref name="error"/> says what is wrong, without the password.</summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out RabbitMqConnection? connection, [NotNullWhen(false)] out string? error)
    {
        connection = null;
        if (string.IsNullOrWhiteSpace(uri))
        {
            error = "The RabbitMQ connection string is empty; expected an AMQP URI such as amqp://guest:guest@127.0.0.1:5672/.";
            return false;
        }

        if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            error = "The RabbitMQ connection string is not an AMQP URI such as amqp://guest:guest@127.0.0.1:5672/.";
            return false;
        }

        var useTls = parsed.Scheme switch
        {
            "amqp" => false,
            "amqps" => true,
            _ => (bool?)null,
        };
        if (useTls is null)
        {
            error = $"The RabbitMQ URI scheme '{parsed.Scheme}' is not supported; use amqp:// or amqps://.";
            return false;
        }

        // Path segments after the first would be a virtual host containing an unencoded '/': RabbitMQ's
        // URI rules require it to be written %2F, so refuse rather than guess where the name ends.
        var path = parsed.AbsolutePath.TrimStart('/');
        if (path.Contains('/', StringComparison.Ordinal))
        {
            error = $"The RabbitMQ URI path '{parsed.AbsolutePath}' names more than one virtual host; encode a '/' in the name as %2F.";
            return false;
        }

        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (useTls.Value ? AmqpsPort : AmqpPort) : parsed.Port;
        var (username, password) = Credentials(parsed.UserInfo);

        connection = new RabbitMqConnection(parsed.IdnHost.Trim('[', ']'), port, virtualHost, username, password, useTls.Value);
        error = null;
        return true;
    }

    /// <summary>The URI again, with the password hidden, for logs.</summary>
    public override string ToString()
    {
        var scheme = UseTls ? "amqps" : "amqp";
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return $"{scheme}://{Uri.EscapeDataString(Username)}:***@{host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
    }

    static (string Username, string Password) Credentials(string userInfo)
    {
        if (userInfo.Length == 0)
            return ("guest", "guest");

        var separator = userInfo.IndexOf(':', StringComparison.Ordinal);
        return separator < 0
            ? (Uri.UnescapeDataString(userInfo), "guest")
            : (Uri.UnescapeDataString(userInfo[..separator]), Uri.UnescapeDataString(userInfo[(separator + 1)..]));
    }
}
