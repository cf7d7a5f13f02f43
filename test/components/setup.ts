// replaced by the client setup
