using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Handlers;

namespace Scheduler.Service.Persistence;

internal sealed class HandlerHostMap(string? jsonColumnType) : IEntityTypeConfiguration<HandlerHost>
{
    public void Configure(EntityTypeBuilder<HandlerHost> builder)
    {
        builder.ToTable("handler_hosts");
        builder.HasKey(x => new { x.Handler, x.Host });

        builder.Property(x => x.Handler).HasColumnName("handler").HasMaxLength(64);
        builder.Property(x => x.Host).HasColumnName("host").HasMaxLength(200);
        builder.Property(x => x.Queue).HasColumnName("queue").HasMaxLength(200).IsRequired();
        builder.Property(x => x.Concurrency).HasColumnName("concurrency");
        builder.Property(x => x.PayloadSchema).HasColumnName("payload_schema").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.HeartbeatInterval).HasColumnName("heartbeat_interval");
        builder.Property(x => x.StartedAt).HasColumnName("started_at");
        builder.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        builder.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");
        builder.Property(x => x.StoppedAt).HasColumnName("stopped_at");
    }
}
