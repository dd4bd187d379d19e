"""Settings: committed defaults, environment overrides, secrets never printed."""

from __future__ import annotations

from pathlib import Path

from bot.config import PROJECT_ROOT, load_settings


def test_defaults_resolve_against_the_project_folder() -> None:
    settings = load_settings(environ={}, dotenv=False)
    assert settings.knowledge.data_dir == PROJECT_ROOT / "data"
    assert settings.knowledge.gazetteers == (PROJECT_ROOT / "config" / "gazetteer.toml",)
    assert settings.answer.mode == "extractive" and settings.embedding.mode == "onnx"
    assert settings.discord.admin_role == "Knowledge Admin" and settings.knowledge.max_file_bytes == 2_000_000


def test_environment_overrides_and_secret_stays_out_of_repr(tmp_path: Path) -> None:
    settings = load_settings(environ={"ATTACHE_DATA_DIR": str(tmp_path), "DISCORD_TOKEN": "sekrit-token-value",
                                      "DISCORD_GUILD_ID": "123", "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": "8123"},
                             dotenv=False)
    assert settings.knowledge.data_dir == tmp_path.resolve()
    assert settings.discord.token == "sekrit-token-value" and settings.discord.guild_id == 123
    assert (settings.chroma.host, settings.chroma.port) == ("127.0.0.1", 8123)
    assert "sekrit" not in repr(settings) and "sekrit" not in str(settings)


def test_other_settings_files_resolve_paths_against_themselves(tmp_path: Path) -> None:
    (tmp_path / "eval.toml").write_text('[knowledge]\ndata_dir = "store"\ngazetteers = ["places.toml"]\n'
                                        '[discord]\nanswer_channels = [42]\n')
    settings = load_settings(tmp_path / "eval.toml", environ={}, dotenv=False)
    assert settings.knowledge.data_dir == tmp_path.resolve() / "store"
    assert settings.knowledge.gazetteers == (tmp_path.resolve() / "places.toml",)
    assert settings.discord.answer_channels == (42,)


def test_fetch_settings_refuse_loopback_by_default_and_read_from_the_file(tmp_path: Path) -> None:
    defaults = load_settings(environ={}, dotenv=False).fetch
    assert defaults.allow_loopback is False and defaults.allowed_hosts == () and defaults.max_redirects == 5
    assert defaults.connect_timeout_seconds > 0 and defaults.read_timeout_seconds > 0
    (tmp_path / "dev.toml").write_text('[fetch]\nallow_loopback = true\nallowed_hosts = ["Mirror.Example.", "intra"]\n'
                                       "read_timeout_seconds = 2.5\n")
    fetch = load_settings(tmp_path / "dev.toml", environ={}, dotenv=False).fetch
    assert fetch.allow_loopback is True and fetch.allowed_hosts == ("mirror.example", "intra")
    assert fetch.read_timeout_seconds == 2.5
