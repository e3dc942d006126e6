using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>Endpoint conventions about the socket threads.</summary>
public static class SocketThreads
{
    /// <summary>
    /// The endpoints' handlers start on a thread-pool thread of their own, wherever the request was
    /// read: on a socket thread, or on a thread answering a group-committed batch (see <see cref="SocketScheduling"/>).
    /// </summary>
    public static TBuilder RunsOnThreadPool<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            await Task.Yield();
            return await next(context);
        });
}
