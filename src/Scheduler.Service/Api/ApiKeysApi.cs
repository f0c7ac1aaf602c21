using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Api;

/// <summary><c>/api/keys</c> (admin): create API keys for a tenant and a role, list them, revoke them.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(ApiKeyAuthentication.AdminPolicy);

        keys.MapPost("/", CreateKeyAsync)
            .WithName("CreateApiKey").WithSummary("Create a key for a tenant and a role; its secret is in this answer only")
            .Accepts<CreateApiKeyRequest>("application/json").ProducesValidationProblem();
        keys.MapGet("/", ListKeysAsync)
            .WithName("ListApiKeys").WithSummary("Every key, newest first, without secrets");
        keys.MapDelete("/{id:guid}", RevokeKeyAsync)
            .WithName("RevokeApiKey").WithSummary("Revoke a key: it stops working at once").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Created<CreatedApiKeyResponse>, ApiProblem>> CreateKeyAsync(HttpRequest request, ClaimsPrincipal user,
        SchedulerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateApiKeyRequest>(request, cancellationToken);
        if (problem is not null)
            return problem;

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Length > ScheduleJobValidator.MaxNameLength)
            errors.Add(new("name", $"is required: 1 to {ScheduleJobValidator.MaxNameLength} characters"));
        var tenant = body.TenantId ?? Tenants.Default;
        if (!ScheduleJobValidator.IsTenantName(tenant))
            errors.Add(new("tenantId", $"must be 1 to {ScheduleJobValidator.MaxTenantLength} letters, digits, '.', '-' or '_'"));
        if (body.Role is { } role && !Enum.IsDefined(role))
            errors.Add(new("role", "must be admin or member"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            Role = body.Role ?? ApiKeyRole.Member,
            Name = body.Name!,
            SecretHash = ApiKeySecret.Hash(secret),
            Prefix = secret[..ApiKeySecret.PrefixLength],
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        db.Audit.Add(KeyAudit(db, user, key, AuditEvent.KeyCreated, null, "active",
            $"key '{key.Name}' ({key.Id}) created for tenant {key.TenantId}, role {key.Role.ToString().ToLowerInvariant()}"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Id}", new CreatedApiKeyResponse(secret, ApiKeyResponse.From(key)));
    }

    static async Task<Ok<List<ApiKeyResponse>>> ListKeysAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From).ToList());
    }

    static async Task<Results<NoContent, ApiProblem>> RevokeKeyAsync([FromRoute(Name = "id")] Guid keyId, ClaimsPrincipal user,
        SchedulerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
            return ApiProblems.Status(StatusCodes.Status404NotFound, "API key not found", $"There is no API key {keyId}.");

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            db.Audit.Add(KeyAudit(db, user, key, AuditEvent.KeyRevoked, "active", "revoked", $"key '{key.Name}' ({key.Id}) of tenant {key.TenantId} revoked"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // Written with the key in one transaction, under the tenant of the admin who acted (whose trail GET /api/audit shows).
    static AuditEntry KeyAudit(SchedulerDbContext db, ClaimsPrincipal user, ApiKey key, AuditEvent auditEvent, string? from, string to, string detail) =>
        GlobalAudit.Entry(db.TenantFilter ?? Tenants.Default, key.RevokedAt ?? key.CreatedAt, auditEvent, ApiKeyActor.Of(user), from, to, detail);
}
