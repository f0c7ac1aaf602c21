using System.Net.Http.Headers;
using System.Text;

namespace Scheduler.Bench.Deployment;

/// <summary>A client of the RabbitMQ management API at <c>management</c>, with the credentials of an AMQP URI.</summary>
public static class RabbitMqManagement
{
    public static (HttpClient Client, string Username) Connect(string amqpUri, Uri management)
    {
        var rabbit = new Uri(amqpUri);
        var credentials = Uri.UnescapeDataString(rabbit.UserInfo is { Length: > 0 } info ? info : "guest:guest");
        var client = new HttpClient { BaseAddress = management };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return (client, credentials.Split(':')[0]);
    }
}
