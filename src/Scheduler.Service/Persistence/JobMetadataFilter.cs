using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence;

/// <summary>
/// The jobs whose metadata has a key (and, when given, a value under it), as a query the caller goes on composing. A
/// string matches its text exactly; a number or a boolean matches its JSON text (<c>3</c>, <c>true</c>); arrays, objects
/// and null match no value. PostgreSQL reads the jsonb column with its own operators; SQLite walks the JSON text with
/// <c>json_each</c>, which takes any key as it is (a JSON path would have to quote it).
/// </summary>
internal static class JobMetadataFilter
{
    public static IQueryable<JobState> JobsWithMetadata(this SchedulerDbContext db, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        if (db.Database.IsNpgsql())
        {
            return value is null
                ? db.Jobs.FromSql($"SELECT * FROM jobs WHERE metadata -> {key} IS NOT NULL")
                : db.Jobs.FromSql($"""
                    SELECT * FROM jobs
                    WHERE jsonb_typeof(metadata -> {key}) IN ('string', 'number', 'boolean') AND metadata ->> {key} = {value}
                    """);
        }

        return value is null
            ? db.Jobs.FromSql($"SELECT * FROM jobs WHERE EXISTS (SELECT 1 FROM json_each(jobs.metadata) AS m WHERE m.key = {key})")
            : db.Jobs.FromSql($"""
                SELECT * FROM jobs
                WHERE EXISTS (SELECT 1 FROM json_each(jobs.metadata) AS m WHERE m.key = {key} AND (
                    (m.type = 'text' AND m.atom = {value})
                    OR (m.type IN ('true', 'false') AND m.type = {value})
                    OR (m.type IN ('integer', 'real') AND CAST(m.atom AS TEXT) = {value})))
                """);
    }
}
