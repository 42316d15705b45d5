//! What each edition keeps, proved from its PDF text, its EPUB and its cards.
