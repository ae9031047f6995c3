"""Cloudflare DEX traceroute network paths under /client/v4/accounts/{account_id}/dex."""
