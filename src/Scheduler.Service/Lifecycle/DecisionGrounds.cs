using System.Security.Cryptography;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The instant a decision is taken at and the seed of the ids and the jitter it draws: the same grounds, job, input
/// and facts give the same decision, which is what lets a test replay one and a batch path and the saga agree.
/// </summary>
public sealed class DecisionGrounds(DateTimeOffset now, Guid seed)
{
    int _drawn;

    /// <summary>The decision's instant, to the microsecond (the precision PostgreSQL keeps).</summary>
    public DateTimeOffset Now { get; } = now.AddTicks(-(now.UtcTicks % 10));

    /// <summary>A new id, time-ordered (UUID version 7) on <paramref name="at"/>.</summary>
    public Guid NewId(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Draw(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// These grounds with none of their draws taken. Each decision draws from a fresh copy, so that deciding twice on
    /// the same grounds decides alike (the draws would otherwise go on from where the first decision left them).
    /// </summary>
    public DecisionGrounds Fresh() => new(Now, seed);

    /// <summary>A number in [0, 1).</summary>
    public double NextUnit()
    {
        Span<byte> bytes = stackalloc byte[16];
        Draw(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    void Draw(Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[20];
        seed.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], _drawn++);
        SHA256.HashData(input)[..16].CopyTo(destination);
    }
}
